import { rulesToAST } from '@casl/ability/extra';
import type { Condition, CompoundCondition, FieldCondition } from '@ucast/mongo2js';
import { Brackets, ObjectLiteral, SelectQueryBuilder, WhereExpressionBuilder } from 'typeorm';
import type { AppAbility } from './ability';
import { RelationField, SUBJECT_RELATIONS, type Action, type Subject } from './role-table';

/** A rule used a field or operator the adapter does not know: refusing is safer than guessing. */
export class UnsupportedRuleError extends Error {}

const COMPARISONS: Record<string, string> = { eq: '=', ne: '<>', lt: '<', lte: '<=', gt: '>', gte: '>=' };

let parameterCounter = 0;
function parameterName(): string {
  parameterCounter = (parameterCounter + 1) % 1_000_000_000;
  return `casl_${parameterCounter}`;
}

function columnFor<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, alias: string, field: string): string {
  const metadata = qb.expressionMap.findAliasByName(alias).metadata;
  const column = metadata.findColumnWithPropertyPath(field);
  if (!column) throw new UnsupportedRuleError(`Rule field "${field}" is not a column of ${metadata.name}`);
  return `${qb.escape(alias)}.${qb.escape(column.databaseName)}`;
}

/** The relation field `field` of `subject`, if it is one (see {@link SUBJECT_RELATIONS}). */
export function relationField(subject: Subject, field: string): RelationField | undefined {
  return SUBJECT_RELATIONS[subject]?.[field];
}

/**
 * `alias.<column> [NOT] IN (SELECT key FROM table WHERE valueColumn IN (:...values))`: whether the row is
 * linked through `relation` to one of `values`. An empty list matches nothing (or everything when negated).
 */
export function relationSql<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  alias: string,
  relation: RelationField,
  values: readonly unknown[],
  negate = false,
  name = parameterName(),
): [string, ObjectLiteral] {
  if (values.length === 0) return [negate ? '1 = 1' : '1 = 0', {}];
  const column = columnFor(qb, alias, relation.column ?? 'id');
  const subquery =
    `SELECT ${qb.escape(relation.key)} FROM ${qb.escape(relation.table)} ` +
    `WHERE ${qb.escape(relation.valueColumn)} IN (:...${name})`;
  return [`${column} ${negate ? 'NOT IN' : 'IN'} (${subquery})`, { [name]: [...values] }];
}

function relationConditionSql<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  alias: string,
  relation: RelationField,
  condition: FieldCondition,
): [string, ObjectLiteral] {
  const value = condition.value;
  switch (condition.operator) {
    case 'eq':
    case 'ne':
      if (value === null || value === undefined || Array.isArray(value))
        throw new UnsupportedRuleError(`Relation field "${condition.field}" needs one value`);
      return relationSql(qb, alias, relation, [value], condition.operator === 'ne');
    case 'in':
    case 'nin':
      return relationSql(qb, alias, relation, value as unknown[], condition.operator === 'nin');
    default:
      throw new UnsupportedRuleError(
        `Rule operator "${condition.operator}" is not supported on relation field "${condition.field}"`,
      );
  }
}

function fieldSql<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  alias: string,
  subject: Subject,
  condition: FieldCondition,
): [string, ObjectLiteral] {
  const relation = relationField(subject, String(condition.field));
  if (relation) return relationConditionSql(qb, alias, relation, condition);
  const column = columnFor(qb, alias, String(condition.field));
  const name = parameterName();
  const value = condition.value;
  if (condition.operator in COMPARISONS) {
    if (value === null)
      return [condition.operator === 'eq' ? `${column} IS NULL` : `${column} IS NOT NULL`, {}];
    return [`${column} ${COMPARISONS[condition.operator]} :${name}`, { [name]: value }];
  }
  if (condition.operator === 'in' || condition.operator === 'nin') {
    const values = value as unknown[];
    if (values.length === 0) return [condition.operator === 'in' ? '1 = 0' : '1 = 1', {}];
    return [`${column} ${condition.operator === 'in' ? 'IN' : 'NOT IN'} (:...${name})`, { [name]: values }];
  }
  throw new UnsupportedRuleError(`Rule operator "${condition.operator}" is not supported`);
}

function conditionToSql<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  alias: string,
  subject: Subject,
  condition: Condition,
): [string, ObjectLiteral] {
  switch (condition.operator) {
    case 'and':
    case 'or': {
      const parts = (condition as CompoundCondition).value.map((child) =>
        conditionToSql(qb, alias, subject, child),
      );
      if (parts.length === 0) return [condition.operator === 'and' ? '1 = 1' : '1 = 0', {}];
      const joiner = condition.operator === 'and' ? ' AND ' : ' OR ';
      return [`(${parts.map(([sql]) => sql).join(joiner)})`, Object.assign({}, ...parts.map(([, p]) => p))];
    }
    case 'not': {
      const [child] = (condition as CompoundCondition).value;
      const [sql, params] = conditionToSql(qb, alias, subject, child);
      return [`NOT (${sql})`, params];
    }
    default:
      return fieldSql(qb, alias, subject, condition as FieldCondition);
  }
}

/**
 * The caller's CASL rules for (action, subject) as TypeORM `Brackets` on `alias`. No rule gives `1 = 0`
 * (fail closed); an unknown field or operator throws. A condition on a relation field of the subject
 * ({@link SUBJECT_RELATIONS}) becomes an `IN (SELECT …)` on its link table; only `eq`, `ne`, `in` and `nin`
 * are accepted there.
 */
export function abilityToBrackets<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  alias: string,
  ability: AppAbility,
  action: Action,
  subject: Subject,
): Brackets {
  const ast = rulesToAST(ability, action, subject);
  return new Brackets((where: WhereExpressionBuilder) => {
    if (!ast) {
      where.where('1 = 0');
      return;
    }
    const [sql, params] = conditionToSql(qb, alias, subject, ast);
    where.where(sql, params);
  });
}

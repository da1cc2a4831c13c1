export * from './register.module';
export * from './activities/processing-activity.entity';
export * from './activities/processing-activity-version.entity';
export * from './activities/processing-activities.service';
export * from './activities/activity-view';
export * from './dpia/dpia-screening';
export * from './templates/register-template.entity';

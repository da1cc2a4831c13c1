import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'vigie:public';

/** Marks a route that answers without a token (login, health). Every other route requires one. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

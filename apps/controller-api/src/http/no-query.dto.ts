/**
 * The query of a route that takes none. Declaring it makes the global
 * ValidationPipe refuse any query field, so a typo such as `?treshold=30`
 * gets a 400 instead of silently doing nothing.
 */
export class NoQueryDto {}

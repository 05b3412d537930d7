/** Injection tokens of the antagonist's configured values and clients. */
export const ANTAGONIST_CONFIG = Symbol('ANTAGONIST_CONFIG');

export const DOCKER = Symbol('DOCKER');

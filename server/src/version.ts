import manifest from '../package.json' with { type: 'json' };

/** This server's version, from its package.json. */
export const SERVER_VERSION: string = manifest.version;

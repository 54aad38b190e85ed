// What every process needs to speak the contract. See README.md in this folder.
export * from './client';
export * from './contract';
export * from './errors';
export * from './paging';
export * from './plug-ins';
export * from './process';
export * from './rules';
export * from './secrets';

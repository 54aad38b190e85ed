// What every process needs to speak the contract. See README.md in this folder.
export * from './client';
export * from './contract';
export * from './errors';
export * from './events';
export * from './gateway-secret';
export * from './paging';
export * from './replicas';
export * from './rules';
export * from './secrets';
export * from './server';

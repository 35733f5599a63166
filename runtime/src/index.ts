export * from './storage/storage-port.ts';

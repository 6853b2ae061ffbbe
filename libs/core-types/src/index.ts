export * from './domain/index';
export * from './errors/index';
export * from './ports/index';
export * from './schemas/index';
export * from './config/index';
export * from './tokens';

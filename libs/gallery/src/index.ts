export * from './gallery-assets';

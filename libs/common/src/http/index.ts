export * from './public.decorator';
export * from './swagger';
export * from './api-doc-marks';
export * from './page-query';

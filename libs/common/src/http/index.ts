export * from './public.decorator';
export * from './swagger';

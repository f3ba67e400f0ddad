// class-transformer keeps its metadata storage out of its typed entry point; the JSON
// schema generator needs it to follow @Type() into nested payload classes.
declare module 'class-transformer/cjs/storage' {
  export const defaultMetadataStorage: import('class-transformer/types/MetadataStorage').MetadataStorage;
}

// class-transformer keeps its @Type metadata in this module (the CommonJS build Node loads); it has no
// typings of its own. class-validator-jsonschema reads it to follow nested DTOs.
declare module 'class-transformer/cjs/storage.js' {
  import type { MetadataStorage } from 'class-transformer/types/MetadataStorage.js';
  export const defaultMetadataStorage: MetadataStorage;
}

/** The record format version this package writes. Readers migrate older versions and refuse newer ones. */
export const SCHEMA_VERSION = 3

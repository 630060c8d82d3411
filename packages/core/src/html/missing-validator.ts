/**
 * The code of the error thrown when html-validate, an optional peer dependency, is not installed. Plugins check it
 * without loading the validator's entry (`@shipwatch/core/build` exports it).
 */
export const MISSING_HTML_VALIDATE = 'SHIPWATCH_MISSING_HTML_VALIDATE'

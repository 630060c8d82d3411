import { type HttpResult, isLoginRedirect } from '../http/fetch-limited.js'

/** A protected Vercel preview answers 401, or redirects to Vercel's login: that is "protected", not "down". */
export function protectedMessage(result: HttpResult): string | null {
  const location = result.headers.get('location') ?? ''
  if (result.status === 401 || (result.status >= 300 && result.status < 400 && isLoginRedirect(location))) {
    return 'protected: the deployment asks for authentication — set the bypass secret (VERCEL_AUTOMATION_BYPASS_SECRET)'
  }
  return null
}

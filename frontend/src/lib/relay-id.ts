/** Relay global ids are base64 of `Type:pk`; some filters (DjangoModelFilterInput) take the raw pk. */
export function pkFromGlobalId(id: string): string {
  try {
    const decoded = atob(id);
    const colon = decoded.indexOf(":");
    return colon >= 0 ? decoded.slice(colon + 1) : id;
  } catch {
    return id;
  }
}

/**
 * A page URL's id as the API's global id: a number (`/tasks/123`, what the UI shows) becomes
 * base64 of `Type:123`; anything else (an old link's relay id) is taken as it is.
 */
export function globalIdFromParam(typeName: string, param: string): string {
  return /^\d{1,18}$/.test(param) ? btoa(`${typeName}:${param}`) : param;
}

/** The short form of a global id for URLs: its number, when it has one. */
export function shortId(id: string): string {
  const pk = pkFromGlobalId(id);
  return /^\d{1,18}$/.test(pk) ? pk : id;
}

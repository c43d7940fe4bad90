// @ts-check
// A signed-in session on n8n's internal REST API, as the editor uses it: for the harness and for
// commands that set up a user's running n8n.

/**
 * Signs in and returns the session cookie.
 * @param {string} url n8n's base URL
 * @param {{ email: string, password: string }} login
 */
export async function signIn(url, { email, password }) {
	const response = await fetch(`${url}/rest/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'browser-id': 'oy-harness' },
		body: JSON.stringify({ emailOrLdapLoginId: email, email, password }),
	});
	if (!response.ok) throw new Error(`n8n refused the login of ${email}: HTTP ${response.status}`);
	return sessionCookie(response);
}

/**
 * One call of n8n's internal REST API with a session.
 * @param {string} url
 * @param {string} cookie
 * @param {string} method
 * @param {string} pathname e.g. /rest/credentials/test or /types/nodes.json
 * @param {unknown} [body]
 * @returns {Promise<{ status: number, body: any }>}
 */
export async function restCall(url, cookie, method, pathname, body) {
	const response = await fetch(`${url}${pathname}`, {
		method,
		headers: {
			cookie,
			'browser-id': 'oy-harness',
			...(body === undefined ? {} : { 'content-type': 'application/json' }),
		},
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return { status: response.status, body: await readBody(response) };
}

/** @param {Response} response */
export function sessionCookie(response) {
	const cookie = response.headers.getSetCookie().find((header) => header.startsWith('n8n-auth='));
	if (!cookie) throw new Error('n8n answered without a session cookie');
	return cookie.split(';')[0];
}

/** @param {Response} response */
export async function readBody(response) {
	const text = await response.text();
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

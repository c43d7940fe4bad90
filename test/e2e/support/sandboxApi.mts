/** A POST to the sandbox's OY! API with its credentials, answered as JSON (what a partner's code sends). */
export async function oyPost(
	sandbox: { url: string; username: string; apiKey: string },
	pathname: string,
	body: unknown,
): Promise<Record<string, any>> {
	const response = await fetch(`${sandbox.url}${pathname}`, {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			'x-oy-username': sandbox.username,
			'x-api-key': sandbox.apiKey,
		},
		body: JSON.stringify(body),
	});
	return (await response.json()) as Record<string, any>;
}

import { ControlError, requireBody } from '../../core/control-routes.mjs';
import type { Route } from '../product.mjs';

export type Settings = Record<string, number | boolean>;

/**
 * `GET /settings` and `PUT /settings` for a product's tunable figures. A PUT may name any subset;
 * each value must have its default's type, and numbers must not be negative.
 */
export function settingsRoutes<T extends Settings>(
	defaults: T,
	current: () => T,
	replace: (next: T) => void,
): Route[] {
	return [
		{ method: 'GET', path: '/settings', handle: () => ({ status: 200, body: current() }) },
		{
			method: 'PUT',
			path: '/settings',
			handle: (request) => {
				const body = requireBody(request);
				for (const [key, value] of Object.entries(body)) {
					if (!(key in defaults))
						throw new ControlError(
							`unknown setting "${key}"; settings: ${Object.keys(defaults).join(', ')}`,
						);
					if (typeof value !== typeof defaults[key])
						throw new ControlError(`"${key}" must be a ${typeof defaults[key]}`);
					if (typeof value === 'number' && !(value >= 0))
						throw new ControlError(`"${key}" must not be negative`);
				}
				replace({ ...current(), ...(body as Partial<T>) });
				return { status: 200, body: current() };
			},
		},
	];
}

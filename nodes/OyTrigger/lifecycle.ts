import type { IHookFunctions } from 'n8n-workflow';
import { readSettings } from './settings';

interface Registration {
	registeredUrl?: string;
	registeredAt?: string;
}

/**
 * OY! has no API to register callback URLs: the partner pastes the URL into OY's dashboard (or
 * gives it to OY! support), as with Slack's manual registration. The lifecycle therefore checks the
 * settings, so a bad allow-list or token stops the activation, and records which URL is live.
 */
export const oyTriggerLifecycle = {
	async checkExists(this: IHookFunctions): Promise<boolean> {
		await readSettings(this);
		const registration = this.getWorkflowStaticData('node') as Registration;
		return registration.registeredUrl === this.getNodeWebhookUrl('default');
	},

	async create(this: IHookFunctions): Promise<boolean> {
		await readSettings(this);
		const registration = this.getWorkflowStaticData('node') as Registration;
		const url = this.getNodeWebhookUrl('default');
		if (registration.registeredUrl !== url) {
			registration.registeredUrl = url;
			registration.registeredAt = new Date().toISOString();
		}
		return true;
	},

	async delete(this: IHookFunctions): Promise<boolean> {
		const registration = this.getWorkflowStaticData('node') as Registration;
		delete registration.registeredUrl;
		delete registration.registeredAt;
		return true;
	},
};

import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, selectors, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../scripts/n8n/communityPackage.mjs';
import { SANDBOX_CREDENTIAL } from '../../scripts/n8n/stack.mjs';
import { findChromium } from './support/chromium.mjs';
import { connectToStack } from './support/stack.mjs';

/** Closed network here: no background connections, no sandbox as root. */
const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

/**
 * A person in the n8n editor: signs in, opens a new workflow, finds the OY! node in the node
 * panel, picks an action, then another resource and operation. Screenshots go to the run's
 * artifacts, or to docs/screenshots with `npm run docs:screenshots`.
 */
describe('the OY! node in the n8n editor, in a real browser', () => {
	let browser: Browser;
	let page: Page;
	let shots: string;
	let oyProperties: Property[] = [];
	/** The labels of an operation's required fields, as n8n serves the node's description to the editor. */
	const requiredLabels = (resource: string, operation: string) =>
		oyProperties
			.filter(
				(property) =>
					property.required && property.displayOptions?.show?.resource?.[0] === resource,
			)
			.filter((property) => property.displayOptions?.show?.operation?.[0] === operation)
			.map((property) => property.displayName);
	const shoot = async (name: string, target: Page | ReturnType<Page['locator']>) => {
		await target.screenshot({ path: path.join(shots, `${name}.png`), animations: 'disabled' });
	};
	const creator = () => page.getByTestId('node-creator');
	const oyEntry = () =>
		creator()
			.getByTestId('item-iterator-item')
			.filter({ has: page.getByTestId('node-creator-item-name').getByText('OY!', { exact: true }) })
			.first();

	beforeAll(async () => {
		// Debian's Chromium where there is one, else the one the @sparticuz/chromium dev dependency ships.
		const chromiumFound = await findChromium();
		console.log(`Chromium: ${chromiumFound.source}`);
		const { context, n8n } = await connectToStack();
		const nodeTypes: Array<{ name: string; properties: Property[] }> = (
			await n8n.rest('GET', '/types/nodes.json')
		).body;
		oyProperties = nodeTypes.find((type) => type.name === 'n8n-nodes-oy.oy')?.properties ?? [];
		shots = process.env.OY_SCREENSHOTS_DIR
			? path.resolve(REPO_ROOT, process.env.OY_SCREENSHOTS_DIR)
			: path.join(context.artifacts, 'screenshots');
		await mkdir(shots, { recursive: true });
		selectors.setTestIdAttribute('data-test-id');
		browser = await chromium.launch({
			executablePath: chromiumFound.executablePath,
			env: chromiumFound.env,
			args: CHROMIUM_ARGS,
		});
		page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
		page.setDefaultTimeout(30_000);

		await page.goto(`${context.n8nUrl}/signin`);
		await page.getByLabel('Email').fill(context.owner.email);
		await page.getByLabel('Password').fill(context.owner.password);
		await page.getByRole('button', { name: 'Sign in' }).click();
		await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
		await page.goto(`${context.n8nUrl}/workflow/new`);
	});

	afterAll(async () => {
		await browser?.close();
	});

	it('finds the OY! node with its icon when searching the node panel', async () => {
		await page.getByTestId('node-creator-plus-button').click();
		await expect.poll(() => creator().isVisible()).toBe(true);
		await page.keyboard.type('OY');
		// n8n shows one "OY!" entry for the package's action node and trigger.
		const item = oyEntry();
		await expect.poll(() => item.isVisible()).toBe(true);
		expect(await item.textContent()).toMatch(/OY! Indonesia/);
		const icons = () =>
			item.locator('img').evaluateAll((elements) =>
				elements.map((element) => {
					const image = element as unknown as {
						src: string;
						complete: boolean;
						naturalWidth: number;
						checkVisibility(): boolean;
					};
					return {
						src: new URL(image.src).pathname,
						drawn: image.complete && image.naturalWidth > 0 && image.checkVisibility(),
					};
				}),
			);
		const found = await icons();
		expect(found.length).toBeGreaterThan(0);
		for (const icon of found)
			expect(icon.src).toMatch(/^\/icons\/n8n-nodes-oy\/.+\/oy(\.dark)?\.svg$/);
		// On a busy machine the image may still be loading: wait for it to be drawn.
		await expect
			.poll(async () => (await icons()).some((icon) => icon.drawn), {
				message: 'the icon is drawn',
				timeout: 10_000,
			})
			.toBe(true);
		await shoot('1-node-panel-search', creator());
	});

	it("offers the OY! API's operations as actions, grouped by resource, and the trigger's events", async () => {
		await oyEntry().click();
		const actionsHeader = creator().getByText(/^Actions \(\d+\)$/);
		await expect.poll(() => actionsHeader.isVisible()).toBe(true);
		// Where a workflow has no trigger yet, n8n folds the actions under the triggers: unfold them.
		if (!(await creator().getByText('Create a disbursement', { exact: true }).isVisible()))
			await actionsHeader.click();
		await expect.poll(() => creator().textContent()).toContain('Get the status of a disbursement');
		const text = (await creator().textContent()) ?? '';
		// 60 of OY's 61 operations (not Transaction › Get Summary, see README) and the Callback resource's Pass Once
		expect(Number(/Actions \((\d+)\)/.exec(text)?.[1])).toBeGreaterThanOrEqual(60);
		// The OY! Trigger's events, offered as ways to start a workflow.
		expect(Number(/Triggers \((\d+)\)/.exec(text)?.[1])).toBeGreaterThanOrEqual(10);
		for (const event of [
			'On Disbursement',
			'On E-Wallet Payment',
			'On VA Payment',
			'On WhatsApp Delivery Status',
		]) {
			expect(text).toContain(event);
		}
		for (const action of [
			'Inquire a bank account',
			'Create a disbursement',
			'Get the status of a disbursement',
		]) {
			expect(text).toContain(action);
		}
		await shoot('2-node-actions', creator());
	});

	it('adds the node for the picked action, with resource, operation and the sandbox credential filled in', async () => {
		await creator().getByText('Create a disbursement', { exact: true }).click();
		const ndv = page.getByTestId('ndv');
		await expect.poll(() => ndv.isVisible()).toBe(true);
		expect(await page.getByTestId('parameter-input-resource').locator('input').inputValue()).toBe(
			'Disbursement',
		);
		expect(await page.getByTestId('parameter-input-operation').locator('input').inputValue()).toBe(
			'Create',
		);
		expect(await page.getByTestId('node-credentials-select').locator('input').inputValue()).toBe(
			'OY! Sandbox',
		);
		const labels = requiredLabels('disbursement', 'create');
		expect(labels).toEqual(
			expect.arrayContaining(['Partner Transaction ID', 'Recipient Account', 'Amount']),
		);
		for (const label of labels) {
			await expect
				.poll(() => ndv.getByText(label, { exact: true }).first().isVisible(), { message: label })
				.toBe(true);
		}
		await shoot('3-disbursement-parameters', ndv);
	});

	it('switches to another resource and operation from the dropdowns', async () => {
		const ndv = page.getByTestId('ndv');
		await pickOption(page, 'resource', 'Virtual Account');
		await page.getByTestId('parameter-input-operation').click();
		const operations = page.locator('.el-select-dropdown__item:visible');
		await expect.poll(() => operations.count()).toBeGreaterThan(5);
		const offered = await operations.allTextContents();
		for (const operation of ['Create', 'Create Customized', 'Deactivate', 'Get', 'Update']) {
			expect(offered.some((text) => text.trim().startsWith(operation))).toBe(true);
		}
		await shoot('4-virtual-account-operations', page);
		await operations.filter({ hasText: 'Create Customized' }).first().click();
		await expect
			.poll(() => page.getByTestId('parameter-input-operation').locator('input').inputValue())
			.toBe('Create Customized');
		const labels = requiredLabels('virtualAccount', 'createCustomized');
		expect(labels).toEqual(expect.arrayContaining(['Partner User ID', 'VA Suffix']));
		for (const label of labels) {
			await expect
				.poll(() => ndv.getByText(label, { exact: true }).first().isVisible(), { message: label })
				.toBe(true);
		}
	});

	it('opens a new OY! API credential from the node: its fields, the environments, the API key hidden', async () => {
		await page.getByTestId('node-credentials-select').click();
		await page.getByTestId('node-credentials-select-item-new').click();
		const dialog = page.getByTestId('credential-edit-dialog');
		await expect.poll(() => dialog.isVisible()).toBe(true);
		for (const label of ['Environment', 'Username', 'API Key']) {
			await expect
				.poll(() => dialog.getByText(fieldLabel(label)).first().isVisible(), { message: label })
				.toBe(true);
		}
		// Staging by default: a new credential never points at real money until someone picks Production.
		expect(
			await dialog.getByTestId('parameter-input-environment').locator('input').inputValue(),
		).toBe('Staging');
		await pickOption(page, 'environment', 'Production');
		// The base URL fields belong to Local Sandbox and Custom Base URL only.
		expect(await dialog.getByText('Base URL', { exact: true }).count()).toBe(0);
		await dialog.getByTestId('parameter-input-username').locator('input').fill('your-oy-username');
		// The key is typed into a password field: the screen shows dots, never the key.
		const apiKey = dialog.getByTestId('parameter-input-apiKey').locator('input');
		await apiKey.fill('not-a-real-key');
		expect(await apiKey.getAttribute('type')).toBe('password');
		expect(await dialog.innerText()).not.toContain('not-a-real-key');
		await shoot('5-credential-dialog', page.locator('.el-dialog').filter({ has: dialog }));
		await closeUnsaved(page, dialog);
		// Nothing was saved: the node keeps its credential.
		expect(await page.getByTestId('node-credentials-select').locator('input').inputValue()).toBe(
			'OY! Sandbox',
		);
		await page.getByTestId('ndv-close-button').click();
		await expect.poll(() => page.getByTestId('ndv').isVisible()).toBe(false);
	});

	it('adds the OY! Trigger: its webhook URLs, the token and the checks it offers', async () => {
		await page.getByTestId('node-creator-plus-button').click();
		await expect.poll(() => creator().isVisible()).toBe(true);
		await page.keyboard.type('OY');
		await oyEntry().click();
		const event = creator().getByText('On Disbursement', { exact: true }).first();
		// The triggers may be folded under their header: unfold them.
		if (!(await event.isVisible()))
			await creator()
				.getByText(/^Triggers \(\d+\)$/)
				.click();
		await event.click();
		const ndv = page.getByTestId('ndv');
		await expect.poll(() => ndv.isVisible()).toBe(true);
		for (const label of [
			'Events',
			'Callback Token',
			'Confirm With OY!',
			'Allowed IP Addresses',
			'Callbacks OY! Cannot Confirm',
		]) {
			await expect
				.poll(() => ndv.getByText(fieldLabel(label)).first().isVisible(), { message: label })
				.toBe(true);
		}
		// Two credentials: the callback token, and the OY! API one that confirms callbacks, picked as a person does
		// where n8n left it empty.
		const selects = ndv.getByTestId('node-credentials-select');
		await expect.poll(() => selects.count()).toBe(2);
		const chosen = () =>
			selects
				.locator('input')
				.evaluateAll((inputs) =>
					inputs.map((input) => (input as unknown as { value: string }).value),
				);
		const empty = (await chosen()).indexOf('');
		if (empty >= 0) {
			await selects.nth(empty).click();
			await page.getByTestId(`node-credentials-select-item-${SANDBOX_CREDENTIAL.id}`).click();
		}
		await expect
			.poll(chosen)
			.toEqual(expect.arrayContaining(['OY! Sandbox', 'OY! Sandbox Callback Token']));
		await ndv.locator('.webhooks').getByText('Webhook URLs', { exact: true }).click();
		await ndv.locator('.webhooks').getByText('Production URL', { exact: true }).click();
		const url = ndv.locator('.webhooks .webhook-url').first();
		await expect.poll(() => url.isVisible()).toBe(true);
		// The production URL OY! is given (with ?token=… added): n8n's address, the webhook id, then "oy".
		expect((await url.textContent())?.trim()).toMatch(
			/^http:\/\/[^/]+\/webhook\/[0-9a-f-]{36}\/oy$/,
		);
		await shoot('6-trigger-setup', ndv);
	});
});

/** A field's label as the editor writes it: a required field's ends with "*". */
function fieldLabel(label: string) {
	const escaped = label.replace(/[.*+?^$|()[\]{}\\]/g, '\\$&');
	return new RegExp(`^${escaped}\\s*\\*?$`);
}

/** Closes a credential dialog without saving, answering Close if n8n asks "Close without saving?". */
async function closeUnsaved(page: Page, dialog: ReturnType<Page['locator']>) {
	await page
		.locator('.el-dialog')
		.filter({ has: dialog })
		.getByRole('button', { name: 'Close this dialog' })
		.click();
	const close = page
		.locator('.el-message-box')
		.filter({ hasText: 'Close without saving?' })
		.getByRole('button', { name: 'Close', exact: true });
	const settled = async () => !(await dialog.isVisible()) || (await close.count()) > 0;
	await expect.poll(settled, { timeout: 10_000 }).toBe(true);
	if ((await close.count()) > 0) await close.first().click();
	await expect.poll(() => dialog.isVisible(), { timeout: 10_000 }).toBe(false);
}

interface Property {
	displayName: string;
	required?: boolean;
	displayOptions?: { show?: { resource?: string[]; operation?: string[] } };
}

/** Opens a node parameter's dropdown and picks the option a person reads. */
async function pickOption(page: Page, parameter: string, option: string) {
	await page.getByTestId(`parameter-input-${parameter}`).click();
	await page
		.locator('.el-select-dropdown__item:visible')
		.filter({ hasText: option })
		.first()
		.click();
	await expect
		.poll(() => page.getByTestId(`parameter-input-${parameter}`).locator('input').inputValue())
		.toBe(option);
}

import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { crc32, createDeflateRaw } from 'node:zlib';

const LOCAL_HEADER = 0x04034b50;
const DATA_DESCRIPTOR = 0x08074b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
/** sizes and CRC follow the data (bit 3), the name is UTF-8 (bit 11) */
const FLAGS = 0x0808;
const DEFLATE = 8;
const VERSION = 20;
/** Beyond this a zip needs ZIP64, which this writer does not write. */
const ZIP32_LIMIT = 0xffff_ffff;

interface Entry {
	name: Buffer;
	offset: number;
	crc: number;
	compressed: number;
	size: number;
}

function dosDateTime(at: Date): { date: number; time: number } {
	return {
		date: ((at.getFullYear() - 1980) << 9) | ((at.getMonth() + 1) << 5) | at.getDate(),
		time: (at.getHours() << 11) | (at.getMinutes() << 5) | Math.floor(at.getSeconds() / 2),
	};
}

/**
 * A zip file written entry after entry, each deflated as it is written: an entry's text is never
 * held whole, so a 100,000-row sheet costs a few buffers. Sizes and CRC go in a data descriptor
 * after each entry, as zip allows for streamed entries.
 */
export class ZipFile {
	private readonly file: WriteStream;

	private readonly entries: Entry[] = [];

	private offset = 0;

	private readonly stamp: { date: number; time: number };

	constructor(filePath: string, at: Date) {
		this.file = createWriteStream(filePath);
		this.stamp = dosDateTime(at);
	}

	private async write(chunk: Buffer): Promise<void> {
		this.offset += chunk.length;
		if (this.offset > ZIP32_LIMIT) throw new Error('report: the workbook is over 4 GB');
		if (!this.file.write(chunk)) await once(this.file, 'drain');
	}

	/**
	 * Starts an entry; `write` deflates text into it, `end` closes it. One entry is open at a time.
	 */
	async entry(name: string): Promise<{ write(text: string): Promise<void>; end(): Promise<void> }> {
		const entry: Entry = {
			name: Buffer.from(name, 'utf8'),
			offset: this.offset,
			crc: 0,
			compressed: 0,
			size: 0,
		};
		const header = Buffer.alloc(30);
		header.writeUInt32LE(LOCAL_HEADER, 0);
		header.writeUInt16LE(VERSION, 4);
		header.writeUInt16LE(FLAGS, 6);
		header.writeUInt16LE(DEFLATE, 8);
		header.writeUInt16LE(this.stamp.time, 10);
		header.writeUInt16LE(this.stamp.date, 12);
		header.writeUInt16LE(entry.name.length, 26);
		await this.write(Buffer.concat([header, entry.name]));

		const deflate = createDeflateRaw();
		const pending: Buffer[] = [];
		deflate.on('data', (chunk: Buffer) => pending.push(chunk));
		const drainDeflated = async () => {
			while (pending.length > 0) {
				const chunk = pending.shift()!;
				entry.compressed += chunk.length;
				await this.write(chunk);
			}
		};
		return {
			write: async (text: string) => {
				const data = Buffer.from(text, 'utf8');
				entry.crc = crc32(data, entry.crc);
				entry.size += data.length;
				if (entry.size > ZIP32_LIMIT) throw new Error('report: a sheet is over 4 GB');
				await new Promise<void>((resolve, reject) =>
					deflate.write(data, (error) => (error ? reject(error) : resolve())),
				);
				await drainDeflated();
			},
			end: async () => {
				const ended = once(deflate, 'end');
				deflate.end();
				await ended;
				await drainDeflated();
				const descriptor = Buffer.alloc(16);
				descriptor.writeUInt32LE(DATA_DESCRIPTOR, 0);
				descriptor.writeUInt32LE(entry.crc >>> 0, 4);
				descriptor.writeUInt32LE(entry.compressed, 8);
				descriptor.writeUInt32LE(entry.size, 12);
				await this.write(descriptor);
				this.entries.push(entry);
			},
		};
	}

	/** A whole entry from one text (the workbook's small parts). */
	async add(name: string, text: string): Promise<void> {
		const entry = await this.entry(name);
		await entry.write(text);
		await entry.end();
	}

	/** Writes the central directory and closes the file. */
	async close(): Promise<void> {
		const start = this.offset;
		for (const entry of this.entries) {
			const header = Buffer.alloc(46);
			header.writeUInt32LE(CENTRAL_HEADER, 0);
			header.writeUInt16LE(VERSION, 4);
			header.writeUInt16LE(VERSION, 6);
			header.writeUInt16LE(FLAGS, 8);
			header.writeUInt16LE(DEFLATE, 10);
			header.writeUInt16LE(this.stamp.time, 12);
			header.writeUInt16LE(this.stamp.date, 14);
			header.writeUInt32LE(entry.crc >>> 0, 16);
			header.writeUInt32LE(entry.compressed, 20);
			header.writeUInt32LE(entry.size, 24);
			header.writeUInt16LE(entry.name.length, 28);
			header.writeUInt32LE(entry.offset, 42);
			await this.write(Buffer.concat([header, entry.name]));
		}
		const end = Buffer.alloc(22);
		end.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0);
		end.writeUInt16LE(this.entries.length, 8);
		end.writeUInt16LE(this.entries.length, 10);
		end.writeUInt32LE(this.offset - start, 12);
		end.writeUInt32LE(start, 16);
		await this.write(end);
		const closed = once(this.file, 'close');
		this.file.end();
		await closed;
	}

	/** Gives up: closes the file as it is (the caller removes it). */
	destroy(): void {
		this.file.destroy();
	}
}

// Types of the parts of proc.mjs that the TypeScript browser tests use.
import type { ChildProcess } from "node:child_process";

export function freePort(): Promise<number>;
export function waitForHttp(url: string, options?: { timeoutMs?: number; exited?: Promise<unknown> }): Promise<boolean>;
export function stopChild(process: { child: ChildProcess; exited: Promise<unknown> }, timeoutMs?: number): Promise<void>;

import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

/** This replica's identity in run records and leases (pod name in Kubernetes, plus pid and a nonce). */
@Injectable()
export class InstanceInfo {
  readonly id = `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
}

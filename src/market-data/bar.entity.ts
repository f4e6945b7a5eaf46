import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One stored closed bar (table `bars`, migration 1767225600001). Reads and writes go through
 * BarsRepository's SQL; the entity documents the table for TypeORM and the schema check.
 */
@Entity({ name: 'bars' })
export class BarEntity {
  @PrimaryColumn({ type: 'varchar', length: 32 }) provider: string;
  @PrimaryColumn({ type: 'varchar', length: 64 }) symbol: string;
  @PrimaryColumn({ type: 'varchar', length: 8 }) timeframe: string;
  @PrimaryColumn({ name: 'open_time', type: 'timestamptz' }) openTime: Date;
  @Column({ type: 'double precision' }) open: number;
  @Column({ type: 'double precision' }) high: number;
  @Column({ type: 'double precision' }) low: number;
  @Column({ type: 'double precision' }) close: number;
  @Column({ type: 'double precision' }) volume: number;
  @Column({ name: 'fetched_at', type: 'timestamptz' }) fetchedAt: Date;
}

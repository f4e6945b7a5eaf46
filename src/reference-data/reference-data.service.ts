import { Injectable } from '@nestjs/common';
import { decodeCursor, toPage } from '../common/cursor.js';
import { NotFound, ValidationFailed } from '../common/errors.js';
import { SYMBOL } from './core/data-job-config.js';
import type {
  EarningsQueryDto,
  EconomicEventsQueryDto,
  NewsQueryDto,
  OptionsQueryDto,
  QuotesQueryDto,
} from './dto/reference-query.dto.js';
import { ReferenceDataRepository, type Row } from './reference-data.repository.js';
import {
  companyView,
  earningsView,
  economicEventView,
  newsView,
  optionContractView,
  quoteView,
} from './reference-views.js';

const DEFAULT_LIMIT = 50;

function checkSymbol(symbol: string): void {
  if (!SYMBOL.test(symbol)) throw new ValidationFailed(['symbol must be 1…64 letters, digits or ^=.-_/:']);
}

function checkOrder(from: string | undefined, to: string | undefined): void {
  if (from && to && Date.parse(from) > Date.parse(to)) throw new ValidationFailed(['from must not be after to']);
}

/** The read routes of the data job types (CONTRACT §8): what their runs stored, paged by keyset. */
@Injectable()
export class ReferenceDataService {
  constructor(private readonly repo: ReferenceDataRepository) {}

  async quotes(q: QuotesQueryDto) {
    const symbols = [...new Set(q.symbols)];
    const rows = await this.repo.quotes(symbols);
    const found = new Set(rows.map((r) => r.symbol));
    return { items: rows.map(quoteView), missing: symbols.filter((s) => !found.has(s)) };
  }

  async company(symbol: string) {
    checkSymbol(symbol);
    const row = await this.repo.company(symbol);
    if (!row) throw new NotFound(`company profile of ${symbol} (no companyInfo job has stored it yet)`);
    return companyView(row);
  }

  async earnings(q: EarningsQueryDto) {
    checkOrder(q.from, q.to);
    const limit = q.limit ?? DEFAULT_LIMIT;
    const rows = await this.repo.earnings(q, { limit, after: decodeCursor(q.cursor) });
    return toPage(rows, limit, (r: Row) => new Date(`${r.date_text}T00:00:00.000Z`), earningsView);
  }

  async news(q: NewsQueryDto) {
    checkOrder(q.from, q.to);
    const limit = q.limit ?? DEFAULT_LIMIT;
    const rows = await this.repo.news(
      { symbol: q.symbol, from: q.from ? new Date(q.from) : undefined, to: q.to ? new Date(q.to) : undefined },
      { limit, after: decodeCursor(q.cursor) },
    );
    return toPage(rows, limit, (r: Row) => new Date(r.published_at), newsView);
  }

  async economicEvents(q: EconomicEventsQueryDto) {
    checkOrder(q.from, q.to);
    const limit = q.limit ?? DEFAULT_LIMIT;
    const rows = await this.repo.economicEvents(
      { country: q.country, from: q.from ? new Date(q.from) : undefined, to: q.to ? new Date(q.to) : undefined },
      { limit, after: decodeCursor(q.cursor) },
    );
    return toPage(rows, limit, (r: Row) => new Date(r.time), economicEventView);
  }

  async options(symbol: string, q: OptionsQueryDto) {
    checkSymbol(symbol);
    const all = await this.repo.latestOptions(symbol);
    if (all.length === 0) throw new NotFound(`options chain of ${symbol} (no optionsChain job has stored it yet)`);
    const expirations = [...new Set(all.map((r) => r.expiration_text as string))];
    const rows = q.expiration ? all.filter((r) => r.expiration_text === q.expiration) : all;
    if (rows.length === 0)
      throw new NotFound(
        `expiration ${q.expiration} in the latest options chain of ${symbol} (it has ${expirations.join(', ')})`,
      );
    return {
      symbol,
      provider: all[0].provider,
      asOf: new Date(all[0].as_of).toISOString(),
      underlyingPrice: all[0].underlying_price,
      expirations,
      contracts: rows.map(optionContractView),
    };
  }
}

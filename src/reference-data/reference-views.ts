import type { Row } from './reference-data.repository.js';

/* The API's JSON of each stored kind (CONTRACT §8): camelCase, ISO times, dates as YYYY-MM-DD. */

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export const quoteView = (r: Row) => ({
  symbol: r.symbol,
  price: r.price,
  change: r.change,
  changePercent: r.change_percent,
  open: r.open,
  high: r.high,
  low: r.low,
  previousClose: r.previous_close,
  volume: r.volume,
  time: iso(r.quote_time),
  provider: r.provider,
  fetchedAt: iso(r.fetched_at),
});

export const companyView = (r: Row) => ({
  symbol: r.symbol,
  name: r.name,
  exchange: r.exchange,
  country: r.country,
  currency: r.currency,
  industry: r.industry,
  marketCap: r.market_cap,
  sharesOutstanding: r.shares_outstanding,
  ipoDate: r.ipo_date_text ?? null,
  website: r.website,
  logo: r.logo,
  description: r.description,
  provider: r.provider,
  fetchedAt: iso(r.fetched_at),
});

export const earningsView = (r: Row) => ({
  id: r.id,
  symbol: r.symbol,
  date: r.date_text,
  hour: r.hour,
  year: r.fiscal_year,
  quarter: r.fiscal_quarter,
  epsEstimate: r.eps_estimate,
  epsActual: r.eps_actual,
  revenueEstimate: r.revenue_estimate,
  revenueActual: r.revenue_actual,
  provider: r.provider,
});

export const newsView = (r: Row) => ({
  id: r.id,
  headline: r.headline,
  summary: r.summary,
  source: r.source,
  url: r.url,
  imageUrl: r.image_url,
  category: r.category,
  symbols: r.symbols,
  publishedAt: iso(r.published_at),
  provider: r.provider,
  vendorId: r.vendor_id,
});

export const economicEventView = (r: Row) => ({
  id: r.id,
  country: r.country,
  event: r.event,
  time: iso(r.time),
  impact: r.impact,
  actual: r.actual,
  estimate: r.estimate,
  previous: r.previous,
  unit: r.unit,
  provider: r.provider,
});

export const optionContractView = (r: Row) => ({
  contract: r.contract,
  type: r.type,
  expiration: r.expiration_text,
  strike: r.strike,
  lastPrice: r.last_price,
  bid: r.bid,
  ask: r.ask,
  volume: r.volume,
  openInterest: r.open_interest,
  impliedVolatility: r.implied_volatility,
  delta: r.delta,
  gamma: r.gamma,
  theta: r.theta,
  vega: r.vega,
  inTheMoney: r.in_the_money,
});

import { ConsoleLogger, type ConsoleLoggerOptions, type LogLevel } from '@nestjs/common';
import { redactText } from '../base/security/redact.js';

/**
 * The service's log lines, each passed through the one redaction (base/security/redact.ts) before
 * it is written: URLs lose their userinfo and credential parameters, and the configured secrets
 * (the admin token, provider keys, the passwords in DATABASE_URL and NOTIFY_URL) are masked
 * wherever they appear — also inside an upstream's answer that a log line quotes, or a stack.
 * Sources redact what they know too; this is the net under all of them.
 */
export class RedactingLogger extends ConsoleLogger {
  constructor(
    private readonly secrets: readonly string[],
    options: ConsoleLoggerOptions,
  ) {
    super(options);
  }

  protected override formatMessage(
    logLevel: LogLevel,
    message: unknown,
    pidMessage: string,
    formattedLogLevel: string,
    contextMessage: string,
    timestampDiff: string,
    params?: Record<string, unknown>,
  ): string {
    return redactText(
      super.formatMessage(logLevel, message, pidMessage, formattedLogLevel, contextMessage, timestampDiff, params),
      this.secrets,
    );
  }

  protected override printStackTrace(stack: string): void {
    super.printStackTrace(redactText(stack, this.secrets));
  }
}

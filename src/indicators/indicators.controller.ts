import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ComputeIndicatorsDto } from './dto/compute-indicators.dto.js';
import { IndicatorComputeService } from './indicator-compute.service.js';

@Controller('indicators')
export class IndicatorsController {
  constructor(private readonly indicators: IndicatorComputeService) {}

  /** A computation, not a created resource: 200. */
  @Post('compute')
  @HttpCode(200)
  compute(@Body() body: ComputeIndicatorsDto) {
    return this.indicators.compute(body);
  }
}

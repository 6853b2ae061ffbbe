// Resolve the configuration (flags > environment > config file > defaults) and validate input with the
// schemas every Motif package uses: a bad value is a MotifError that names the field.
import { MotifError, PatternInputSchema, parseInput, resolveConfig } from '@motif/core-types';

// Without `env`, resolveConfig reads process.env (and the JSON file MOTIF_CONFIG names).
const config = resolveConfig({ env: { MOTIF_NAMESPACE: 'team-a', PORT: '9000' }, flags: { port: 9090 } });
console.log(config.namespace, config.server.port); // team-a 9090

const input = parseInput(PatternInputSchema, { description: 'Status card', dsl: '§[δ, Ƀ[ᵬ×2]]' });
console.log(input.dsl); // §[δ, Ƀ[ᵬ×2]]

try {
  parseInput(PatternInputSchema, { description: 42 });
} catch (error) {
  if (!(error instanceof MotifError)) throw error;
  console.log(error.code, error.fieldErrors.map((f) => f.path).join(', ')); // VALIDATION_FAILED /description
}

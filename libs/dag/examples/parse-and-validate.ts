// Parse a pattern written in the DSL, validate it against the Google Chat cards v2 catalog, and read the fix
// for a structure that breaks the catalog's rules.
import { ComponentGraph, DslCodec, StructureValidator, loadCatalog } from '@motif/dag';

const catalog = loadCatalog('google-chat-cards-v2');
const graph = new ComponentGraph(catalog);
const validator = new StructureValidator(graph);
const codec = new DslCodec(catalog, graph);

const structure = codec.parse('Section[DecoratedText*3, ButtonList[Button x2]]');
console.log(codec.format(structure)); // §[δ×3, Ƀ[ᵬ×2]]
console.log(validator.validate(structure).valid); // true

const [issue] = validator.validate(codec.parse('Section[Button]')).issues;
console.log(`${issue.code} at ${issue.path}: ${issue.fix}`); // NEEDS_WRAPPER at Section > widgets[0] Button: wrap Button in ButtonList

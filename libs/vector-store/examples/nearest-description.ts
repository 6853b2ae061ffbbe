// Rank pattern descriptions by similarity to a query with the hashing embedder: no model weights, no
// network, the same vectors on every machine. (The default embedder, use-lite, works the same way.)
import { HashingEmbedder } from '@motif/vector-store';

const cosine = (a: Float32Array, b: Float32Array): number => {
  let dot = 0, na = 0, nb = 0;
  for (let i = 0; i < a.length; i++) { dot += a[i] * b[i]; na += a[i] * a[i]; nb += b[i] * b[i]; }
  return dot / Math.sqrt(na * nb);
};

async function main(): Promise<void> {
  const embedder = new HashingEmbedder();
  const descriptions = [
    'Server status card with refresh and details buttons',
    'Expense report form with a category dropdown',
    'Carousel of product photos with a buy button',
  ];
  const vectors = await embedder.embedBatch(descriptions); // the Embedder port is asynchronous
  const query = await embedder.embed('is the server up? status with a refresh button');
  const ranked = descriptions.map((text, i) => ({ text, score: cosine(query, vectors[i]) })).sort((x, y) => y.score - x.score);
  console.log(embedder.id); // hashing-v1:…
  console.log(ranked[0].text); // Server status card with refresh and details buttons
}

void main();

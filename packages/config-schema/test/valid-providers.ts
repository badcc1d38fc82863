/** A small valid providers.yaml that the loader's example and property tests both mutate. */
export const VALID_PROVIDERS = `schema_version: "2.0.0"
providers:
  ollama:
    type: ollama
    base_url: http://127.0.0.1:11434
    models:
      - name: llama3.1:8b
        context_length: 8192
  openai:
    type: openai
    base_url: https://api.openai.com/v1
    api_key: os.environ/OPENAI_API_KEY
    models:
      - name: gpt-4o
`;

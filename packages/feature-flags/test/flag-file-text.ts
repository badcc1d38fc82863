/** A flag file as a person writes it: comments, blank lines, a block list, a flow list. */
export const FLAG_FILE_TEXT = `# yaml-language-server: $schema=x
schema_version: "2.0.0"

flags:
  # The new router, phase 1: testers only.
  new-router:
    enabled: true   # master switch
    rollout_percentage: 0
    whitelist:
      - ann      # tester
      - bob
    tags: [routing]

  # Cache answers.
  semantic-cache:
    enabled: false
`;

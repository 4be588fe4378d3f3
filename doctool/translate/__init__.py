"""From Chinese content to bilingual content: term base, memory, masking and MT engines."""

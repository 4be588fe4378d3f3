"""From Chinese content to bilingual content: masking, MT engines and the translator."""

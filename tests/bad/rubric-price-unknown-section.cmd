jz-rubric lint tests/bad/rubric-price-unknown-section.yaml

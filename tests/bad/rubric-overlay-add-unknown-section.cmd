jz-rubric lint tests/bad/rubric-overlay-add-unknown-section.yaml

jz-rubric lint tests/bad/rubric-duplicate-section-id.yaml

jz-rubric lint tests/bad/rubric-duplicate-indicator-id.yaml

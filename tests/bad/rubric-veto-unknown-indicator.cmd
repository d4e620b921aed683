jz-rubric lint tests/bad/rubric-veto-unknown-indicator.yaml

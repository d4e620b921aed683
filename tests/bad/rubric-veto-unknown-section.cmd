jz-rubric lint tests/bad/rubric-veto-unknown-section.yaml

jz-rubric lint tests/bad/rubric-extends-not-a-rubric.yaml

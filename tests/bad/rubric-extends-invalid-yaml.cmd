jz-rubric lint tests/bad/rubric-extends-invalid-yaml.yaml

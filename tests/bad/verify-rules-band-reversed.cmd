jz-verify plan --rules tests/bad/verify-rules-band-reversed.yaml --rate 10% --precision 5%

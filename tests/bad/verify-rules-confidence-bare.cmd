jz-verify --rules tests/bad/verify-rules-confidence-bare.yaml --draw samples/verify/draw-HZ-NZ.csv samples/verify/verification-HZ-NZ.csv

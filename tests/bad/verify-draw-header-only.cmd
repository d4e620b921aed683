jz-verify --draw tests/bad/verify-draw-header-only.csv samples/verify/verification-HZ-NZ.csv

"""World-builders every test shares: organisations, staff, young people and their stories."""

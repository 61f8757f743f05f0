#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| leimu_fuzz::cli::check(data));

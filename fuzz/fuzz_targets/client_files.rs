#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| leimu_fuzz::client_files::check(data));

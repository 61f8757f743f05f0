#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| leimu_fuzz::widget_command::check(data));

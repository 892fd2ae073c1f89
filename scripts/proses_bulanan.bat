@echo off
rem Proses bulanan: memeriksa folder data dan menulis workbook hasil ke folder output.
rem Ubah baris berikut bila folder data Anda di tempat lain, mis. set DATA=D:\LKjIP\2025
set DATA=data
chcp 65001 >nul
cd /d "%~dp0.."
if not exist ".venv\Scripts\lkjip.exe" (
  echo Program belum dipasang. Klik dua kali scripts\pasang.bat terlebih dahulu.
  pause
  exit /b 1
)
set BULAN=
set /p BULAN=Bulan laporan 1-12 (tekan Enter untuk bulan terakhir yang ada datanya): 
if "%BULAN%"=="" (
  ".venv\Scripts\lkjip.exe" proses "%DATA%"
) else (
  ".venv\Scripts\lkjip.exe" proses "%DATA%" --bulan %BULAN%
)
set KODE=%ERRORLEVEL%
echo.
if "%KODE%"=="0" (
  echo Selesai. Hasil dan draf email ada di folder output.
  start "" "output"
) else (
  echo Proses belum berhasil ^(kode %KODE%^). Baca pesan di atas, perbaiki, lalu jalankan lagi.
)
pause
exit /b %KODE%

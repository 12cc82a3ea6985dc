/*
 * Chinese month and weekday names for Tasklist's date pickers (due date, follow-up date), which take them
 * from AngularJS's $locale (always en-us in the webjar), not from ../locales/zh.json, and Chinese relative
 * dates ("1 个月后") whatever order zh.json and the fallback en.json arrive in. Only for a browser
 * whose language is zh (the same rule that picks zh.json); any other browser keeps the English pickers.
 * Loaded through customScripts in config.js, before Tasklist starts AngularJS.
 */
const navigatorLanguage = (navigator.languages && navigator.languages[0]) || navigator.language || '';

if (navigatorLanguage.split('-')[0].toLowerCase() === 'zh' && window.angular) {
  const days = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];
  const months = ['一月', '二月', '三月', '四月', '五月', '六月', '七月', '八月', '九月', '十月', '十一月', '十二月'];
  const zhCn = {
    id: 'zh-cn',
    localeID: 'zh_CN',
    DATETIME_FORMATS: {
      AMPMS: ['上午', '下午'],
      DAY: days,
      ERANAMES: ['公元前', '公元'],
      ERAS: ['公元前', '公元'],
      FIRSTDAYOFWEEK: 0, // Monday
      MONTH: months,
      SHORTDAY: ['周日', '周一', '周二', '周三', '周四', '周五', '周六'],
      SHORTMONTH: ['1月', '2月', '3月', '4月', '5月', '6月', '7月', '8月', '9月', '10月', '11月', '12月'],
      STANDALONEMONTH: months,
      WEEKENDRANGE: [5, 6],
      fullDate: 'y年M月d日EEEE',
      longDate: 'y年M月d日',
      medium: 'y年M月d日 HH:mm:ss',
      mediumDate: 'y年M月d日',
      mediumTime: 'HH:mm:ss',
      short: 'y-MM-dd HH:mm',
      shortDate: 'y-MM-dd',
      shortTime: 'HH:mm'
    },
    NUMBER_FORMATS: {
      CURRENCY_SYM: '¥',
      DECIMAL_SEP: '.',
      GROUP_SEP: ',',
      PATTERNS: [
        { gSize: 3, lgSize: 3, maxFrac: 3, minFrac: 0, minInt: 1, negPre: '-', negSuf: '', posPre: '', posSuf: '' },
        { gSize: 3, lgSize: 3, maxFrac: 2, minFrac: 2, minInt: 1, negPre: '-\u00a4', negSuf: '', posPre: '\u00a4', posSuf: '' }
      ]
    },
    pluralCat: function () {
      return 'other';
    }
  };

  window.angular
    .module('ngLocale', [], ['$provide', function ($provide) {
      $provide.value('$locale', zhCn);
    }])
    .run(['$injector', function ($injector) {
      // Tasklist loads en.json as the fallback next to zh.json, and whichever of the two arrives last sets
      // moment's global locale ("in a month" instead of "1 个月后"): keep it Chinese once zh is defined.
      if ($injector.has('moment')) {
        const moment = $injector.get('moment');
        const keepChinese = (setLocale) => function () {
          const result = setLocale.apply(this, arguments);
          if (moment.locales().indexOf('zh') > -1 && moment.locale() !== 'zh') {
            moment.locale('zh');
          }
          return result;
        };
        moment.defineLocale = keepChinese(moment.defineLocale);
        moment.updateLocale = keepChinese(moment.updateLocale);
      }
      if ($injector.has('uibDatepickerConfig')) {
        const picker = $injector.get('uibDatepickerConfig');
        picker.formatDayTitle = 'y年M月';
        picker.formatMonthTitle = 'y年';
        picker.startingDay = 1;
      }
    }]);
}

export default [];
